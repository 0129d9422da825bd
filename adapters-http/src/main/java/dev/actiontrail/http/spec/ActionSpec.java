package dev.actiontrail.http.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One action of one product as data (architecture notes, "action catalogue as data"): its name, summary and
 * documented parameters (a name containing {@code .N.} is a repeat list), whether it only reads ({@code eventRW}),
 * the RAM action that authorizes it and the resource ARN it acts on, the resource type and names its event
 * records, and the handler that runs it.
 *
 * @param ramAction    e.g. {@code actiontrail:CreateTrail}; null for an action that needs no permission
 *                     ({@code DescribeRegions})
 * @param resources    the resource ARNs a call acts on (e.g. {@code acs:actiontrail:cn-hangzhou:<account>:trail/t1},
 *                     or {@code *}); the caller must be allowed the RAM action on every one of them (e.g.
 *                     AttachPolicyToUser acts on the user and on the policy)
 * @param resourceType the event's {@code resourceType} (e.g. {@code ACS::RAM::User}), or null for none
 * @param resourceName the event's {@code resourceName} for a call, or null/empty for none
 */
public record ActionSpec(String name, String summary, List<String> parameters, boolean read, String ramAction,
                         Function<Invocation, List<String>> resources, String resourceType,
                         Function<Invocation, String> resourceName, Handler handler) {
    public ActionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(handler, "handler");
    }

    /** {@code Read} or {@code Write}, as the call's event records it. */
    public String eventRW() {
        return read ? "Read" : "Write";
    }

    /** Runs one call; returns the response fields after {@code RequestId}, in order. */
    @FunctionalInterface
    public interface Handler {
        /** @throws dev.actiontrail.core.error.ApiException the action's documented errors */
        Map<String, Object> handle(Invocation call);
    }

    /** A resource function that substitutes {@code {region}}, {@code {account}} and {@code {Param}} in a template. */
    public static Function<Invocation, String> arn(String template) {
        return call -> ResourceTemplates.expand(template, call);
    }

    /** The resources of an action that acts on one resource. */
    public static Function<Invocation, List<String>> one(Function<Invocation, String> resource) {
        return call -> List.of(resource.apply(call));
    }

    /** The resources of an action that acts on one resource, from a template (see {@link #arn}). */
    public static Function<Invocation, List<String>> one(String template) {
        return one(arn(template));
    }
}
