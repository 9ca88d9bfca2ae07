/**
 * The reading of SQL migration files, shared by Tidemark's own modules: the annotation processor
 * splits and checks the files at compile time with the same {@link dev.tidemark.spi.sql.ScriptSplitter}
 * and {@link dev.tidemark.spi.sql.SqlPlaceholders} the runtime runs them with, and finds the copies
 * the runtime's {@link dev.tidemark.spi.sql.SqlFileMigration} reads. Public for those modules only:
 * not an API for applications, and it may change with any release.
 */
package dev.tidemark.spi.sql;
