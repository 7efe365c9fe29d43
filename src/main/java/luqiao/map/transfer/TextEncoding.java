package luqiao.map.transfer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The character encoding of attribute text: named by a {@code .cpg} file or a request, else guessed.
 * Chinese survey data comes as GBK (or its superset GB18030) or as UTF-8; bytes that are not valid
 * UTF-8 are taken for GBK, which is what desktop GIS in China writes when it names no encoding.
 */
final class TextEncoding {

    static final Charset GBK = Charset.forName("GBK");
    static final Charset GB18030 = Charset.forName("GB18030");

    private TextEncoding() {}

    /** The charset a {@code .cpg} file or an {@code encoding} parameter names, or empty when unknown. */
    static Optional<Charset> named(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT);
        if (name.contains("UTF") && name.contains("8") || name.equals("65001")) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        if (name.contains("18030")) {
            return Optional.of(GB18030);
        }
        if (name.contains("GBK") || name.equals("936") || name.equals("CP936") || name.contains("2312")) {
            return Optional.of(GBK);
        }
        try {
            return Optional.of(Charset.forName(name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** UTF-8 when the sample decodes as UTF-8 (or is plain ASCII and {@code asciiIsUtf8}), else GBK. */
    static Charset guess(byte[] sample, int length, boolean asciiIsUtf8) {
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = sample[i] >= 0;
        }
        if (ascii) {
            return asciiIsUtf8 ? StandardCharsets.UTF_8 : GBK;
        }
        // A multi-byte character cut at the end of the sample is not evidence against UTF-8.
        int end = length;
        while (end > 0 && length - end < 4 && (sample[end - 1] & 0xC0) == 0x80) {
            end--;
        }
        if (end > 0 && (sample[end - 1] & 0xC0) == 0xC0) {
            end--;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(sample, 0, end));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return GBK;
        }
    }
}
