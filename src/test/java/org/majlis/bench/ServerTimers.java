package org.majlis.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's latency histograms at one instant, as its Prometheus metrics give them: by timer,
 * the count of records at or under each bucket's bound (seconds). Two readings tell the percentiles
 * of the time between them, to the precision of the buckets.
 */
record ServerTimers(Map<String, NavigableMap<Double, Double>> buckets) {

    /** A bucket line of a Majlis timer: its name without {@code _seconds_bucket}, its bound, its count. */
    private static final Pattern BUCKET = Pattern.compile("^(majlis_\\w+)_seconds_bucket\\{(?:.*,)?le=\"([^\"]+)\".*\\} (\\S+)$");
    static final ServerTimers NONE = new ServerTimers(Map.of());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Reads the server's metrics; none when it has no metrics to read (a container, the plain reference). */
    static ServerTimers read(URI metrics) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : NONE;
        } catch (IOException e) {
            return NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NONE;
        }
    }

    static ServerTimers parse(String prometheusText) {
        Map<String, NavigableMap<Double, Double>> buckets = new HashMap<>();
        for (String line : prometheusText.split("\n")) {
            Matcher m = BUCKET.matcher(line);
            if (m.matches()) {
                double bound = "+Inf".equals(m.group(2)) ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(2));
                buckets.computeIfAbsent(m.group(1), name -> new TreeMap<>()).put(bound, Double.parseDouble(m.group(3)));
            }
        }
        return new ServerTimers(buckets);
    }

    /** How many times the timer recorded since before. */
    long countSince(ServerTimers before, String timer) {
        NavigableMap<Double, Double> now = buckets.get(timer);
        return now == null ? 0 : Math.round(now.lastEntry().getValue() - before.cumulative(timer, now.lastKey()));
    }

    /**
     * The bound (ms) of the first bucket that holds the q-quantile of what the timer recorded since
     * before: the quantile is at most that, and above the bucket below. NaN when nothing was recorded.
     */
    double percentileMsSince(ServerTimers before, String timer, double q) {
        long count = countSince(before, timer);
        if (count == 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> bucket : buckets.get(timer).entrySet()) {
            if (bucket.getValue() - before.cumulative(timer, bucket.getKey()) >= q * count) {
                return bucket.getKey() * 1000;
            }
        }
        throw new IllegalStateException("the +Inf bucket holds every record");
    }

    private double cumulative(String timer, double bound) {
        NavigableMap<Double, Double> counts = buckets.get(timer);
        return counts == null ? 0 : counts.getOrDefault(bound, 0.0);
    }
}
