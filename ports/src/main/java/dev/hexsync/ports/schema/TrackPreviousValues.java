package dev.hexsync.ports.schema;

import java.util.List;
import java.util.Optional;

/**
 * Which previous values an UPDATE or DELETE records in the upload queue entry's {@code old} field.
 *
 * @param columns the columns to record, or empty for all columns
 * @param onlyWhenChanged record only the columns whose value changed (updates only)
 */
public record TrackPreviousValues(Optional<List<String>> columns, boolean onlyWhenChanged) {
    /**
     * Copies the column list.
     *
     * @param columns the columns to record, or empty for all
     * @param onlyWhenChanged only the columns whose value changed
     */
    public TrackPreviousValues {
        columns = columns.map(List::copyOf);
    }

    /**
     * Every column, whether changed or not.
     *
     * @return the selection
     */
    public static TrackPreviousValues all() {
        return new TrackPreviousValues(Optional.empty(), false);
    }

    /**
     * Only the listed columns.
     *
     * @param names the columns
     * @return the selection
     */
    public static TrackPreviousValues columns(String... names) {
        return new TrackPreviousValues(Optional.of(List.of(names)), false);
    }

    /**
     * The same selection, restricted to columns whose value changed.
     *
     * @return the new selection
     */
    public TrackPreviousValues whenChanged() {
        return new TrackPreviousValues(columns, true);
    }
}
