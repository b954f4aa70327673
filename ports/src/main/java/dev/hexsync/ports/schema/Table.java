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

    public Table {
        Objects.requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        Objects.requireNonNull(options, "options is null");
    }

    /** The name applications query: the view name override, or the table name. */
    public String viewName() {
        return options.viewName().orElse(name);
    }

    /** The column with this name, if declared. */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

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

        public Builder text(String columnName) {
            return column(columnName, ColumnType.TEXT);
        }

        public Builder integer(String columnName) {
            return column(columnName, ColumnType.INTEGER);
        }

        public Builder real(String columnName) {
            return column(columnName, ColumnType.REAL);
        }

        public Builder index(Index index) {
            indexes.add(index);
            return this;
        }

        public Builder localOnly() {
            this.localOnly = true;
            return this;
        }

        public Builder insertOnly() {
            this.insertOnly = true;
            return this;
        }

        public Builder trackMetadata() {
            this.trackMetadata = true;
            return this;
        }

        public Builder trackPreviousValues(TrackPreviousValues selection) {
            this.trackPreviousValues = Objects.requireNonNull(selection, "selection is null");
            return this;
        }

        public Builder ignoreEmptyUpdates() {
            this.ignoreEmptyUpdates = true;
            return this;
        }

        public Builder viewName(String view) {
            this.viewName = Objects.requireNonNull(view, "view is null");
            return this;
        }

        public Table build() {
            return new Table(name, columns, indexes, new TableOptions(localOnly, insertOnly, trackMetadata,
                    Optional.ofNullable(trackPreviousValues), ignoreEmptyUpdates, Optional.ofNullable(viewName)));
        }
    }
}
