package org.example.lifeboat.csv;

import dev.lifeboat.domain.model.Fingerprint;
import dev.lifeboat.domain.model.TableFingerprint;
import dev.lifeboat.domain.spi.CanonicalRow;
import dev.lifeboat.domain.spi.RowHashSum;
import dev.lifeboat.domain.spi.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint of a directory of CSV files, read one table at a time in name order: per table, every record after
 * the header as a {@link CanonicalRow} of text fields summed by {@link RowHashSum} (so the order of the rows does not
 * matter, and neither do quoting or line ends, which the parts' checksums cover); the schema hash covers each
 * table's name and header.
 */
final class CsvFingerprint {

    /** Names the way rows become bytes; a change to it is a new algorithm, never a silent difference. */
    static final String ALGORITHM = "csv-rfc4180-text-rows-v1";

    private final MessageDigest schema = Sha256.newDigest();
    private final Map<String, TableFingerprint> tables = new TreeMap<>();
    private final CanonicalRow row = new CanonicalRow();
    private final List<String> fields = new ArrayList<>();

    /**
     * Reads one table to its end: the first record (the header) into the schema hash, every other one into the
     * table's row hash. Tables must come in name order.
     *
     * @param source what is read, for messages
     * @return the number of rows, the header not counted
     */
    long addTable(String table, InputStream csv, String source) throws IOException {
        CsvRecords records = new CsvRecords(csv, source);
        row.reset().putText(table);
        if (records.next(fields)) {
            fields.forEach(row::putText);
        }
        schema.update(row.bytes(), 0, row.length());
        RowHashSum rows = new RowHashSum();
        while (records.next(fields)) {
            row.reset();
            fields.forEach(row::putText);
            rows.add(row);
        }
        tables.put(table, rows.result());
        return rows.rows();
    }

    Fingerprint result() {
        return Fingerprint.of(ALGORITHM, Sha256.hex(schema.digest()), Map.of(), tables);
    }
}
