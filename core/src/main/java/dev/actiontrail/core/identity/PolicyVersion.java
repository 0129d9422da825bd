package dev.actiontrail.core.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a RAM policy (GetPolicyVersion / ListPolicyVersions): its ID ({@code v} and a positive number),
 * whether it is the policy's default version, its document (JSON text, as given) and when it was created (UTC,
 * seconds). Which version is the default is a fact of the policy ({@link RamPolicy#defaultVersion()}): stores derive
 * {@code isDefaultVersion} from it when reading.
 */
public record PolicyVersion(String versionId, boolean isDefaultVersion, String policyDocument, Instant createDate) {
    public PolicyVersion {
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(policyDocument, "policyDocument");
        Objects.requireNonNull(createDate, "createDate");
    }

    /** The number of a version ID ({@code v12} → 12), or -1 if it is not {@code v} followed by digits. */
    public static int number(String versionId) {
        if (versionId == null || versionId.length() < 2 || versionId.length() > 10 || versionId.charAt(0) != 'v') {
            return -1;
        }
        int n = 0;
        for (int i = 1; i < versionId.length(); i++) {
            char c = versionId.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n == 0 ? -1 : n;
    }

    /** The number of this version's ID. */
    public int number() {
        return number(versionId);
    }
}
