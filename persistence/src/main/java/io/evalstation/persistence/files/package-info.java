/**
 * The files Evalstation reads and writes, with no database: one package per format ({@code legacy},
 * {@code lmeval}), each with the one description of its fields, its reader and its writer, and the
 * demo corpus generators ({@code demo}) that write both formats. The importer and the exports sit
 * on these; nothing here touches jOOQ, JDBC or PostgreSQL (an ArchUnit rule, see {@code
 * docs/adr/0085-file-formats-without-the-database.md}).
 */
package io.evalstation.persistence.files;
