package dev.actiontrail.core.delivery;

import dev.actiontrail.core.trail.Trail;

import java.time.Instant;
import java.util.List;

/**
 * Events of one trail for one destination, to be written as one delivery: in recording order, with the delivery
 * time that names the objects ({@code stamp}, UTC) and the seq range they come from. The same batch written twice
 * must produce the same objects (writers are idempotent on it).
 *
 * @param region the events' region for OSS (one object folder per region, global events under the trail's home
 *               region); null for destinations not split by region
 */
public record DeliveryBatch(Trail trail, String region, Instant stamp, long firstSeq, long lastSeq,
                            List<LoggedEvent> events) {
}
