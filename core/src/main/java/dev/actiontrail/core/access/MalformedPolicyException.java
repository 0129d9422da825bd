package dev.actiontrail.core.access;

/**
 * A policy document (identity policy, session policy or role trust policy) that is not valid RAM policy language
 * (access-control reference §1.1–§1.3), or JSON text that is not valid JSON. The message states precisely what is
 * wrong and where, e.g. {@code Unknown condition operator "StringEqualz" in Statement 1}; the RAM and STS use cases
 * answer it as {@code MalformedPolicyDocument} / {@code InvalidParameter.PolicyGrammar} (§1.1, §4.1).
 */
public class MalformedPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, in words fit to show a caller (no stack-trace jargon) */
    public MalformedPolicyException(String message) {
        super(message);
    }

    /** The same problem located: {@code "<message> in <where>"}, e.g. {@code where = "Statement 2"}. */
    MalformedPolicyException in(String where) {
        return new MalformedPolicyException(getMessage() + " in " + where);
    }
}
