package org.majlis.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One scenario's measurements, in order, each with its unit. */
final class Result {

    private static final String[] COLUMNS = {"sent", "delivered", "lost", "dup", "ooo", "rate", "p50", "p90",
            "p99", "max", "cpu/delivery", "rss", "gen-cpu"};

    private record Field(String key, Number value, String unit) {
        String text() {
            return (value instanceof Double d ? format(d) : value.toString()) + unit;
        }

        String jsonKey() {
            String suffix = switch (unit) {
                case "" -> "";
                case "/s" -> "_per_s";
                case "%" -> "_pct";
                default -> "_" + unit.toLowerCase(Locale.ROOT);
            };
            return key.replace("/", "_per_").replace('-', '_') + suffix;
        }
    }

    private final String scenario;
    private final List<Field> fields = new ArrayList<>();

    Result(String scenario) {
        this.scenario = scenario;
    }

    Result put(String key, Number value, String unit) {
        fields.add(new Field(key, value, unit));
        return this;
    }

    String line() {
        StringBuilder line = new StringBuilder("RESULT scenario=").append(scenario);
        fields.forEach(f -> line.append(' ').append(f.key()).append('=').append(f.text()));
        return line.toString();
    }

    String json() {
        StringBuilder json = new StringBuilder("{\"scenario\":\"").append(scenario).append('"');
        fields.forEach(f -> json.append(",\"").append(f.jsonKey()).append("\":").append(
                f.value() instanceof Double d ? (d.isNaN() || d.isInfinite() ? "null" : format(d)) : f.value()));
        return json.append('}').toString();
    }

    static void printTable(List<Result> results) {
        StringBuilder header = new StringBuilder(String.format("%-14s", "scenario"));
        for (String c : COLUMNS) {
            header.append(String.format(" %12s", c));
        }
        System.out.println();
        System.out.println(header.append("  other"));
        for (Result r : results) {
            StringBuilder row = new StringBuilder(String.format("%-14s", r.scenario));
            for (String c : COLUMNS) {
                row.append(String.format(" %12s", r.fields.stream().filter(f -> f.key().equals(c))
                        .map(Field::text).findFirst().orElse("-")));
            }
            row.append(" ");
            r.fields.stream().filter(f -> !List.of(COLUMNS).contains(f.key()))
                    .forEach(f -> row.append(' ').append(f.key()).append('=').append(f.text()));
            System.out.println(row);
        }
    }

    private static String format(double d) {
        double abs = Math.abs(d);
        return String.format(Locale.ROOT, abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f", d);
    }
}
