package dev.actiontrail.http.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.actiontrail.core.access.MalformedPolicyException;
import dev.actiontrail.core.access.PolicyDocument;
import dev.actiontrail.core.access.PolicyParser;

/**
 * The core's {@link PolicyParser} on the project's Jackson: reads a policy document's JSON text strictly — no
 * duplicate member names, nothing after the value, no comments, trailing commas, single quotes, leading zeros or
 * NaN (Jackson's defaults plus {@code STRICT_DUPLICATE_DETECTION} and {@code FAIL_ON_TRAILING_TOKENS}); decimal
 * numbers are kept exact ({@code BigDecimal}) — and hands the generic tree to
 * {@link PolicyDocument#identityPolicy(Object)}, which checks the policy grammar.
 *
 * <p>A JSON syntax error becomes a {@link MalformedPolicyException} saying where and what, e.g.
 * {@code Invalid JSON at line 1, column 42: Duplicate field 'Effect'}; RAM answers it as
 * {@code MalformedPolicyDocument} (400). Thread-safe.
 */
public final class JacksonPolicyParser implements PolicyParser {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /**
     * @throws MalformedPolicyException when the text is null, empty, not one strict JSON value, or not a valid
     *                                  identity policy
     */
    @Override
    public PolicyDocument parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedPolicyException("Invalid JSON: no text");
        }
        Object tree;
        try {
            tree = MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException(describe(e));
        }
        return PolicyDocument.identityPolicy(tree);
    }

    /** Jackson's own words without its source excerpt, prefixed with the 1-based line and column. */
    private static String describe(JsonProcessingException e) {
        String what = e.getOriginalMessage();
        int details = what.indexOf("\n");
        if (details >= 0) {
            what = what.substring(0, details);
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1
                ? "Invalid JSON: " + what
                : "Invalid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what;
    }
}
