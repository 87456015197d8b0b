package io.agentlaunchpad.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benches' tables of figures, each figure named once: a row gives, per column, its title, how it is printed and
 * the key it is kept under in the bench's JSON. Printed with the first column left-aligned and the others
 * right-aligned, each as wide as its widest cell; {@link Row#divide()} draws a {@code |} between groups of columns.
 */
public final class FigureTable {

    private static final String DIVIDER = "|";

    private final List<String> titles = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Map<String, Object>> json = new ArrayList<>();

    /** A new row, added to the table by {@link Row#add()}. */
    public Row row() {
        return new Row();
    }

    /** Every row's JSON figures, in the order the rows were added. */
    public List<Map<String, Object>> json() {
        return json;
    }

    /** The table as text, a heading line then a line per row. */
    public String render() {
        int[] widths = new int[titles.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = titles.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, titles, widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        for (int c = 0; c < cells.size(); c++) {
            String format = c == 0 ? "%-" + widths[c] + "s" : " %" + widths[c] + "s";
            out.append(String.format(Locale.ROOT, format, cells.get(c)));
        }
        out.append(System.lineSeparator());
    }

    /** One row: its cells in column order, and what of it goes into the JSON. */
    public final class Row {

        private final List<String> columns = new ArrayList<>();
        private final List<String> cells = new ArrayList<>();
        private final Map<String, Object> figures = new LinkedHashMap<>();

        /**
         * A figure printed with {@code format} ({@code String.format}, {@code -} when there is none) under
         * {@code title}, and kept in the JSON as {@code key} (none when {@code key} is null).
         */
        public Row figure(String title, String format, Number value, String key) {
            boolean none = value == null || value instanceof Double d && d.isNaN();
            cell(title, none ? "-" : String.format(Locale.ROOT, format, value));
            return key == null ? this : json(key, value);
        }

        /** A cell of text under {@code title}, not kept in the JSON. */
        public Row text(String title, String text) {
            return cell(title, text);
        }

        /** A figure kept in the JSON only. */
        public Row json(String key, Object value) {
            figures.put(key, value);
            return this;
        }

        /** A {@code |} between the columns before and the columns after. */
        public Row divide() {
            return cell(DIVIDER, DIVIDER);
        }

        private Row cell(String title, String text) {
            columns.add(title);
            cells.add(text);
            return this;
        }

        /** Adds the row to the table (the first row's titles head it) and returns its JSON figures. */
        public Map<String, Object> add() {
            if (titles.isEmpty()) {
                titles.addAll(columns);
            } else if (!titles.equals(columns)) {
                throw new IllegalStateException("the columns " + columns + " are not the table's " + titles);
            }
            rows.add(cells);
            json.add(figures);
            return figures;
        }
    }
}
