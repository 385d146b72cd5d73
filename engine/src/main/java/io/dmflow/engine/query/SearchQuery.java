package io.dmflow.engine.query;

import io.dmflow.engine.rejection.EngineRejection;
import io.dmflow.engine.state.SqlSession;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The v2 search envelope over one table: filter (plain value or advanced operators), sort, page
 * (offset or opaque cursor). Only the declared fields are filterable or sortable.
 */
public final class SearchQuery {
    public enum Kind {
        KEY,
        STRING,
        INT,
        BOOL,
        DATE
    }

    public record Field(String column, Kind kind) {}

    public record Page(List<Map<String, Object>> items, long total, int offset) {}

    /** A filter that is not a plain column comparison: adds its own SQL conditions. */
    @FunctionalInterface
    public interface CustomFilter {
        void add(Object condition, List<String> where, List<Object> args);
    }

    private final String from;
    private final Map<String, Field> fields;
    private final String defaultOrder;
    private final Map<String, CustomFilter> customFilters;

    public SearchQuery(String from, Map<String, Field> fields, String defaultOrder) {
        this(from, fields, defaultOrder, Map.of());
    }

    public SearchQuery(
            String from, Map<String, Field> fields, String defaultOrder, Map<String, CustomFilter> customFilters) {
        this.from = from;
        this.fields = fields;
        this.defaultOrder = defaultOrder;
        this.customFilters = customFilters;
    }

    public Page run(
            SqlSession sql,
            Map<String, Object> body,
            String select,
            SqlSession.RowMapper<Map<String, Object>> mapper,
            Map<String, Object> fixedFilter) {
        Map<String, Object> request = body == null ? Map.of() : body;
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        Map<String, Object> filter = new LinkedHashMap<>();
        if (request.get("filter") instanceof Map<?, ?> f) {
            f.forEach((k, v) -> filter.put(String.valueOf(k), v));
        }
        if (fixedFilter != null) {
            filter.putAll(fixedFilter);
        }
        filter.forEach((name, condition) -> addCondition(name, condition, where, args));
        String whereClause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total = sql.count("SELECT count(*) FROM " + from + whereClause, args.toArray());
        int limit = 100;
        int offset = 0;
        if (request.get("page") instanceof Map<?, ?> page) {
            if (page.get("limit") instanceof Number n) limit = Math.max(0, Math.min(10000, n.intValue()));
            if (page.get("from") instanceof Number n) offset = Math.max(0, n.intValue());
            if (page.get("after") instanceof String cursor) offset = decode(cursor);
            if (page.get("before") instanceof String cursor) offset = Math.max(0, decode(cursor) - limit - 1);
        }
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(limit);
        pageArgs.add(offset);
        List<Map<String, Object>> items = sql.list(
                "SELECT " + select + " FROM " + from + whereClause + " ORDER BY " + order(request)
                        + " LIMIT ? OFFSET ?",
                mapper,
                pageArgs.toArray());
        return new Page(items, total, offset);
    }

    public static Map<String, Object> envelope(Page page) {
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("totalItems", page.total());
        pageInfo.put("hasMoreTotalItems", false);
        pageInfo.put("startCursor", page.items().isEmpty() ? null : encode(page.offset()));
        pageInfo.put(
                "endCursor",
                page.items().isEmpty()
                        ? null
                        : encode(page.offset() + page.items().size()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items());
        out.put("page", pageInfo);
        return out;
    }

    private String order(Map<String, Object> request) {
        List<String> parts = new ArrayList<>();
        if (request.get("sort") instanceof List<?> sorts) {
            for (Object s : sorts) {
                if (s instanceof Map<?, ?> sort) {
                    Field field = fields.get(String.valueOf(sort.get("field")));
                    if (field == null) {
                        throw EngineRejection.invalidArgument("Unknown sort field '" + sort.get("field") + "'");
                    }
                    parts.add(field.column()
                            + ("DESC".equalsIgnoreCase(String.valueOf(sort.get("order"))) ? " DESC" : " ASC"));
                }
            }
        }
        parts.add(defaultOrder);
        return String.join(", ", parts);
    }

    private void addCondition(String name, Object condition, List<String> where, List<Object> args) {
        if (condition == null) {
            return;
        }
        CustomFilter custom = customFilters.get(name);
        if (custom != null) {
            custom.add(condition, where, args);
            return;
        }
        Field field = fields.get(name);
        if (field == null) {
            // the client sends some filters empty by default (variables: [], $or: []): those constrain nothing
            boolean empty = condition instanceof java.util.Collection<?> c
                    ? c.isEmpty()
                    : condition instanceof Map<?, ?> m && m.isEmpty();
            if (empty) {
                return;
            }
            throw EngineRejection.invalidArgument(
                    "Filter field '" + name + "' is not supported by the embedded engine");
        }
        if (!(condition instanceof Map<?, ?> operators)) {
            where.add(field.column() + " = ?");
            args.add(convert(field, condition));
            return;
        }
        operators.forEach((op, value) -> {
            String column = field.column();
            switch (String.valueOf(op)) {
                case "$eq" -> {
                    where.add(column + " = ?");
                    args.add(convert(field, value));
                }
                case "$neq" -> {
                    where.add(column + " <> ?");
                    args.add(convert(field, value));
                }
                case "$exists" -> where.add(column + (Boolean.TRUE.equals(value) ? " IS NOT NULL" : " IS NULL"));
                case "$gt" -> {
                    where.add(column + " > ?");
                    args.add(convert(field, value));
                }
                case "$gte" -> {
                    where.add(column + " >= ?");
                    args.add(convert(field, value));
                }
                case "$lt" -> {
                    where.add(column + " < ?");
                    args.add(convert(field, value));
                }
                case "$lte" -> {
                    where.add(column + " <= ?");
                    args.add(convert(field, value));
                }
                case "$like" -> {
                    where.add(column + " LIKE ?");
                    args.add(like(String.valueOf(value)));
                }
                case "$in", "$notIn" -> {
                    List<?> values = value instanceof List<?> l ? l : List.of(value);
                    // the client sends empty $in/$notIn alongside $eq: an empty list constrains nothing
                    if (!values.isEmpty()) {
                        where.add(column + ("$in".equals(op) ? " IN (" : " NOT IN (") + "?,".repeat(values.size() - 1)
                                + "?)");
                        values.forEach(v -> args.add(convert(field, v)));
                    }
                }
                default ->
                    throw EngineRejection.invalidArgument("Unsupported filter operator '" + op + "' on '" + name + "'");
            }
        });
    }

    private static Object convert(Field field, Object value) {
        try {
            return switch (field.kind()) {
                case KEY -> value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
                case INT -> value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
                case BOOL -> value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
                case DATE ->
                    value instanceof Number n
                            ? n.longValue()
                            : OffsetDateTime.parse(String.valueOf(value))
                                    .toInstant()
                                    .toEpochMilli();
                case STRING -> String.valueOf(value);
            };
        } catch (RuntimeException e) {
            throw EngineRejection.invalidArgument("Invalid filter value '" + value + "' for " + field.column());
        }
    }

    private static String like(String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                char next = pattern.charAt(++i);
                out.append(next == '%' || next == '_' ? "\\" + next : String.valueOf(next));
            } else if (c == '*') out.append('%');
            else if (c == '?') out.append('_');
            else if (c == '%' || c == '_') out.append('\\').append(c);
            else out.append(c);
        }
        return out.toString();
    }

    private static String encode(int offset) {
        return Base64.getEncoder().encodeToString(Integer.toString(offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String cursor) {
        try {
            return Integer.parseInt(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw EngineRejection.invalidArgument("Invalid page cursor '" + cursor + "'");
        }
    }
}
