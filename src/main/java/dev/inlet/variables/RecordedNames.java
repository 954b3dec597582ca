package dev.inlet.variables;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per endpoint, the names this process wrote and when; share one per process. A name written
 * longer than {@link #REFRESH_MILLIS} ago counts as not written, so it is written again when next
 * seen: that refreshes its sighting in Redis, and brings it back if it was evicted.
 */
public final class RecordedNames {
    /** How long a written name is not written again. */
    public static final long REFRESH_MILLIS = 10 * 60 * 1000;

    private final ConcurrentHashMap<String, Written> byEndpoint = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final long refreshMillis;

    public RecordedNames() {
        this(System::currentTimeMillis, REFRESH_MILLIS);
    }

    /** With a clock and refresh period of its own, for tests. */
    public RecordedNames(LongSupplier clock, long refreshMillis) {
        this.clock = clock;
        this.refreshMillis = refreshMillis;
    }

    long now() {
        return clock.getAsLong();
    }

    Written of(String endpoint) {
        return byEndpoint.computeIfAbsent(endpoint, e -> new Written(refreshMillis));
    }

    /** One endpoint's names written within the refresh period, oldest first; at most {@link VariableNames#MAX_NAMES}. */
    static final class Written {
        private final long refreshMillis;
        /** Guarded by this; insertion order is write order, as a rewrite moves a name last. */
        private final Map<String, Long> at = new LinkedHashMap<>();

        Written(long refreshMillis) {
            this.refreshMillis = refreshMillis;
        }

        synchronized boolean full(long now) {
            forgetOlder(now);
            return at.size() >= VariableNames.MAX_NAMES;
        }

        /** The names to write now: storable, not written within the period, as many as there is room for. */
        synchronized List<String> due(Collection<String> names, long now) {
            forgetOlder(now);
            int room = VariableNames.MAX_NAMES - at.size();
            List<String> due = new ArrayList<>();
            for (Iterator<String> it = names.iterator(); it.hasNext() && due.size() < room; ) {
                String name = it.next();
                if (name.length() <= VariableNames.MAX_NAME_LENGTH && !at.containsKey(name)) {
                    due.add(name);
                }
            }
            return due;
        }

        synchronized void written(List<String> names, long now) {
            for (String name : names) {
                at.remove(name);
                at.put(name, now);
            }
            Iterator<Long> oldest = at.values().iterator();
            while (at.size() > VariableNames.MAX_NAMES && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        }

        private void forgetOlder(long now) {
            Iterator<Long> oldest = at.values().iterator();
            while (oldest.hasNext() && now - oldest.next() >= refreshMillis) {
                oldest.remove();
            }
        }
    }
}
