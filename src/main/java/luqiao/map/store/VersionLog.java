package luqiao.map.store;

import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import luqiao.map.catalog.Layer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one writer of {@code feature_versions}: edits, restores, imports and stage transitions all
 * record their changes here, inside the caller's transaction, so a change and its version row
 * commit or roll back together. Each row holds the feature before and after as {@link FeatureJson}.
 */
@Component
public class VersionLog {

    /** One version row: the feature after the change (and before it, null for a creation or import). */
    public record Entry(String featureId, long version, String beforeJson, String afterJson) {}

    private final JdbcTemplate jdbc;
    private final String insert;
    /** {@code versions/copy}: many rows streamed with COPY (PostgreSQL); null where there is none (H2GIS). */
    private final String copy;

    VersionLog(JdbcTemplate jdbc, SqlStatements sql) {
        this.jdbc = jdbc;
        this.insert = sql.get("versions/insert");
        this.copy = sql.has("versions/copy") ? sql.get("versions/copy") : null;
    }

    /**
     * Records one change. Another writer that recorded the same version first (the unique key on
     * layer, feature and version) makes this a {@link StaleVersionException}, so the caller's
     * transaction rolls back whole.
     */
    public void record(Layer layer, Action action, String actor, Entry entry) {
        try {
            jdbc.update(
                    insert,
                    layer.id(),
                    entry.featureId(),
                    entry.version(),
                    action.code(),
                    actor,
                    now(),
                    entry.beforeJson(),
                    entry.afterJson());
        } catch (DuplicateKeyException e) {
            throw new StaleVersionException(layer, entry.featureId(), entry.version() - 1, entry.version());
        }
    }

    /** Records many changes of one kind at one time (an import): with COPY on PostgreSQL, else in one JDBC batch. */
    public void recordAll(Layer layer, Action action, String actor, List<Entry> entries) {
        OffsetDateTime at = now();
        List<Object[]> rows = entries.stream()
                .map(e -> new Object[] {
                    layer.id(), e.featureId(), e.version(), action.code(), actor, at, e.beforeJson(), e.afterJson()
                })
                .toList();
        if (copy != null) {
            CopyIn.rows(jdbc, copy, rows);
        } else {
            jdbc.batchUpdate(insert, rows);
        }
    }

    /**
     * Records {@code import} rows (version 1, nothing before) with COPY, PostgreSQL only: {@code afterCopyText} holds
     * each feature's text already as COPY text in UTF-8 ({@link CopyIn#text}), as an import prepared (or saved) it.
     */
    void recordImported(Layer layer, String actor, List<String> ids, List<byte[]> afterCopyText) {
        if (copy == null) {
            throw new IllegalStateException("versions/copy is PostgreSQL's; record imports with recordAll");
        }
        OffsetDateTime at = now();
        // The columns of versions/copy up to after_json, which comes last: the same for every row but the id.
        byte[] head = fields(layer.id());
        byte[] middle = fields(1L, Action.IMPORT.code(), actor, at, null);
        int size = 0;
        for (byte[] after : afterCopyText) {
            size += after.length + head.length + middle.length + 48;
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream(size);
        for (int i = 0; i < ids.size(); i++) {
            lines.writeBytes(head);
            lines.writeBytes(fields(ids.get(i)));
            lines.writeBytes(middle);
            lines.writeBytes(afterCopyText.get(i));
            lines.write('\n');
        }
        CopyIn.bytes(jdbc, copy, List.of(lines.toByteArray()));
    }

    /** Values as COPY text, each followed by a tab, in UTF-8. */
    private static byte[] fields(Object... values) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (Object value : values) {
            text.writeBytes(CopyIn.text(value));
            text.write('\t');
        }
        return text.toByteArray();
    }

    /** Microseconds: what both databases store, so a value read back equals the one written. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
