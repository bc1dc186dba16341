package org.biasflow.run;

/**
 * One of {@code count} disjoint slices of a sweep's grid, numbered from 1, written as {@code i/n}. Every process
 * given the same grid computes the same slices, so the slices of one sweep can run anywhere that sees one
 * output folder (a batch scheduler's array job over shared storage).
 *
 * @param index 1 to count
 * @param count the number of slices
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": a shard is i/n with n >= 1 and"
                    + " 1 <= i <= n, such as 2/3");
        }
    }

    /** Reads {@code i/n}. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--shard '" + text + "' is not of the form i/n, such as 2/3");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard '" + text + "' is not of the form i/n, such as 2/3");
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
