/**
 * The PowerSync layout on H2: internal tables ({@code H2Layout}), JSON row tables with typed views
 * ({@code H2TableSql}, {@code H2SchemaApplier}) and the capture of local writes by the views' Java triggers
 * ({@code ViewTrigger}, {@code CrudCapture}).
 */
package dev.hexsync.adapters.h2.schema;
