package luqiao.map.transfer;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** File names that come with an upload (its {@code filename}, a zip's entries): which ones a file may have. */
final class UploadNames {

    private UploadNames() {}

    /**
     * Whether {@code name} may name a file: no control characters (a NUL cuts a name short in C, and
     * Java refuses it as a path), at most 255 characters, and a valid path on this system.
     */
    static boolean valid(String name) {
        if (name == null || name.length() > 255) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return false;
            }
        }
        try {
            Path.of(name);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The last part of a name a browser may send with its folders ({@code C:\Users\a\b.zip}); null when none. */
    static String baseName(String filename) {
        if (filename == null) {
            return null;
        }
        String path = filename.replace('\\', '/');
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
