package io.qsctl.provider;

/** Capacity as the grid counts it: cores, and bytes of memory, SSD and HDD. */
public record Resources(long cru, long mru, long sru, long hru) {
    public static final Resources NONE = new Resources(0, 0, 0, 0);

    public Resources {
        if (cru < 0 || mru < 0 || sru < 0 || hru < 0) {
            throw new IllegalArgumentException("resources cannot be negative");
        }
    }

    public Resources plus(Resources other) {
        return new Resources(cru + other.cru, mru + other.mru, sru + other.sru, hru + other.hru);
    }
}
