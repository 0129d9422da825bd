package dev.actiontrail.core.access;

/**
 * Port: reads the JSON text of an identity policy (a custom policy version's {@code PolicyDocument}, or the
 * {@code Policy} session policy passed to STS AssumeRole) into a validated {@link PolicyDocument}. Adapters implement
 * it with their JSON library: read the text into a generic tree ({@code Map}/{@code List}/{@code String}/{@code
 * Number}/{@code Boolean}/{@code null}) and hand it to {@link PolicyDocument#identityPolicy(Object)}. The core's own
 * implementation is {@link JsonTree#policyParser()}.
 *
 * <p>Implementations must be thread-safe (the {@link Authorizer} calls them from every request thread).
 */
@FunctionalInterface
public interface PolicyParser {
    /**
     * @param json the document text (access-control reference §1.1; size limits are the caller's business)
     * @return the validated document
     * @throws MalformedPolicyException when the text is not JSON or not a valid identity policy; the message says
     *                                  what and where, fit for a {@code MalformedPolicyDocument} answer
     */
    PolicyDocument parse(String json);

    /**
     * Reads a role trust policy ({@code AssumeRolePolicyDocument}). The default reads the text with the core's
     * strict {@link JsonTree} and validates it with {@link PolicyDocument#trustPolicy(Object)}; adapters may override
     * it to use their JSON library.
     *
     * @throws MalformedPolicyException when the text is not JSON or not a valid trust policy
     */
    default PolicyDocument parseTrust(String json) {
        return PolicyDocument.trustPolicy(JsonTree.parse(json));
    }
}
