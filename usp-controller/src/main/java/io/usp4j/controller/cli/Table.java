package io.usp4j.controller.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Rows of text printed with aligned columns, two spaces apart; the last column is not padded. Not thread-safe. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();

    /** Adds a row. */
    void add(String... cells) {
        rows.add(cells.clone());
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the rows and forgets them. */
    void print(PrintStream out) {
        int columns = 0;
        for (String[] r : rows) {
            columns = Math.max(columns, r.length);
        }
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    b.append("  ");
                }
                b.append(r[i]);
                if (i < r.length - 1) {
                    b.append(" ".repeat(width[i] - r[i].length()));
                }
            }
            out.println(b.toString().stripTrailing());
        }
        rows.clear();
    }
}
