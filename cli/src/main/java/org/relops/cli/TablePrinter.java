package org.relops.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** A list read printed as an aligned table of chosen fields (a field may be nested: {@code location.rack}). */
final class TablePrinter {

    /** One column: its heading and the dotted path of its field in each row. */
    record Column(String heading, String path) {

        String of(JsonNode row) {
            JsonNode value = row;
            for (String part : path.split("\\.")) {
                value = value.path(part);
            }
            return value.isMissingNode() || value.isNull() ? "-" : value.asText();
        }
    }

    private TablePrinter() {
    }

    static void print(JsonNode rows, List<Column> columns, String none) {
        if (rows.isEmpty()) {
            System.out.println(none);
            return;
        }
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(Column::heading).toArray(String[]::new));
        rows.forEach(row -> lines.add(columns.stream().map(column -> column.of(row)).toArray(String[]::new)));
        int[] widths = new int[columns.size()];
        lines.forEach(line -> {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        });
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
            }
            System.out.println(text.toString().stripTrailing());
        }
    }

    /** Prints a read as JSON, or as the table. */
    static void print(ServiceOptions options, JsonNode rows, List<Column> columns, String none)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        if (options.output == ServiceOptions.Output.json) {
            Commands.printJson(rows);
        } else {
            print(rows, columns, none);
        }
    }
}
