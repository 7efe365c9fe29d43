package luqiao.map.support;

/** The screens the pages must work on (issue #15): a desktop and a phone, in CSS pixels. */
public enum Screen {
    DESKTOP(1440, 900, false),
    PHONE(390, 844, true);

    public final int width;
    public final int height;
    public final boolean mobile;

    Screen(int width, int height, boolean mobile) {
        this.width = width;
        this.height = height;
        this.mobile = mobile;
    }

    /** The name used in screenshot file names. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
