package dev.hexsync.ports.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table of the local database: applications read and write it through a view of the same name
 * (or {@link TableOptions#viewName()}), with an implicit text primary key {@code id}.
 *
 * <p>The record only holds values; {@link Schema#validate()} checks them as the PowerSync SDKs do.
 */
public record Table(String name, List<Column> columns, List<Index> indexes, TableOptions options) {

    /**
     * Copies the lists.
     *
     * @param name the table name
     * @param columns the declared columns, without {@code id}
     * @param indexes the indexes
     * @param options the table's options
     */
    public Table {
        Objects.requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        Objects.requireNonNull(options, "options is null");
    }

    /**
     * The name applications query.
     *
     * @return the view name override, or the table name
     */
    public String viewName() {
        return options.viewName().orElse(name);
    }

    /**
     * The column with this name, if declared.
     *
     * @param columnName the name
     * @return the column, or empty
     */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /**
     * Starts declaring a table.
     *
     * @param name the table name
     * @return a builder; {@code id} is implicit
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a table the way application code usually declares one. */
    public static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();
        private boolean localOnly;
        private boolean insertOnly;
        private boolean trackMetadata;
        private TrackPreviousValues trackPreviousValues;
        private boolean ignoreEmptyUpdates;
        private String viewName;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name is null");
        }

        /**
         * Adds a column.
         *
         * @param columnName the column's name; not {@code id}, in any case
         * @param type its type
         * @return this builder
         * @throws SchemaException at once when {@code columnName} is {@code id}: every table has the text primary
         *     key {@code id} already, so declaring it is always a mistake, reported here where it was made
         */
        public Builder column(String columnName, ColumnType type) {
            if (columnName != null && columnName.equalsIgnoreCase("id")) {
                throw new SchemaException("Table '" + name + "': do not declare column '" + columnName
                        + "'; the text primary key 'id' is added automatically");
            }
            columns.add(new Column(columnName, type));
            return this;
        }

        /**
         * Adds a text column.
         *
         * @param columnName the column's name; not {@code id}
         * @return this builder
         */
        public Builder text(String columnName) {
            return column(columnName, ColumnType.TEXT);
        }

        /**
         * Adds an integer column.
         *
         * @param columnName the column's name; not {@code id}
         * @return this builder
         */
        public Builder integer(String columnName) {
            return column(columnName, ColumnType.INTEGER);
        }

        /**
         * Adds a real column.
         *
         * @param columnName the column's name; not {@code id}
         * @return this builder
         */
        public Builder real(String columnName) {
            return column(columnName, ColumnType.REAL);
        }

        /**
         * Adds an index.
         *
         * @param index the index
         * @return this builder
         */
        public Builder index(Index index) {
            indexes.add(index);
            return this;
        }

        /**
         * Makes the table local-only: stored, never uploaded or synced.
         *
         * @return this builder
         */
        public Builder localOnly() {
            this.localOnly = true;
            return this;
        }

        /**
         * Makes the table insert-only: inserts are uploaded, nothing is kept.
         *
         * @return this builder
         */
        public Builder insertOnly() {
            this.insertOnly = true;
            return this;
        }

        /**
         * Adds the write-only {@code _metadata} column that travels with uploads.
         *
         * @return this builder
         */
        public Builder trackMetadata() {
            this.trackMetadata = true;
            return this;
        }

        /**
         * Records previous values in uploads ({@code old}).
         *
         * @param selection which columns
         * @return this builder
         */
        public Builder trackPreviousValues(TrackPreviousValues selection) {
            this.trackPreviousValues = Objects.requireNonNull(selection, "selection is null");
            return this;
        }

        /**
         * Queues nothing for an update that changes no value.
         *
         * @return this builder
         */
        public Builder ignoreEmptyUpdates() {
            this.ignoreEmptyUpdates = true;
            return this;
        }

        /**
         * Sets the name applications query, when it differs from the table name.
         *
         * @param view the view name
         * @return this builder
         */
        public Builder viewName(String view) {
            this.viewName = Objects.requireNonNull(view, "view is null");
            return this;
        }

        /**
         * The table declared.
         *
         * @return the table; {@link Schema#validate()} checks it with the others
         */
        public Table build() {
            return new Table(name, columns, indexes, new TableOptions(localOnly, insertOnly, trackMetadata,
                    Optional.ofNullable(trackPreviousValues), ignoreEmptyUpdates, Optional.ofNullable(viewName)));
        }
    }
}
