package dev.actiontrail.core.identity;

import dev.actiontrail.core.error.ApiError;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who an AccessKeyId stands for, and the secret its signatures are checked with: the account's root identity or a
 * RAM user for a stored (or supplied) key, a role session for a temporary {@code STS.} key with its SecurityToken.
 * The gateway's authentication asks this once per call.
 *
 * <p>Stored keys are cached in memory; the cache is dropped whenever {@link IdentityStore#generation()} moves, so a
 * key deleted or deactivated — through the API, the CLI, or another server on the same store — stops working on
 * the very next call.
 *
 * <p>Errors: {@code InvalidAccessKeyId.NotFound} (404; also a RAM user's key whose user is gone),
 * {@code InvalidAccessKeyId.Inactive}, {@code MissingSecurityToken} (an STS key without its token), and the
 * {@code InvalidSecurityToken.*} codes of {@link SecurityTokens#open}.
 */
public final class SigningKeys {
    private final AccessKeys keys;
    private final IdentityStore store;
    private final SecurityTokens tokens;
    private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE);

    public SigningKeys(AccessKeys keys, IdentityStore store, SecurityTokens tokens) {
        this.keys = Objects.requireNonNull(keys);
        this.store = Objects.requireNonNull(store);
        this.tokens = Objects.requireNonNull(tokens);
    }

    /** The secret to check a signature with, and the caller the key stands for (both null for an inactive key). */
    public record SigningKey(String accessKeySecret, Caller caller) {
        @Override
        public String toString() {
            return "SigningKey[" + caller + "]";
        }
    }

    /**
     * Resolves the key that signed a call.
     *
     * @param securityToken the call's SecurityToken, or null when it sent none
     * @throws dev.actiontrail.core.error.ApiException the codes in the class description
     */
    public SigningKey resolve(String accessKeyId, String securityToken) {
        if (SecurityTokens.isTemporary(accessKeyId)) {
            if (securityToken == null || securityToken.isEmpty()) {
                throw ApiError.MISSING_SECURITY_TOKEN.exception();
            }
            Principal.RoleSession session = tokens.open(accessKeyId, securityToken);
            return new SigningKey(tokens.secretOf(accessKeyId), new Caller(session, accessKeyId));
        }
        long generation = store.generation();
        Snapshot snap = snapshot;
        if (snap.generation != generation) {
            snap = new Snapshot(generation);
            snapshot = snap;
        }
        // a key loaded for generation g goes into g's snapshot only: a change committed meanwhile moves the
        // generation, so the next call starts a new snapshot instead of finding a stale entry
        SigningKey found = snap.keys.get(accessKeyId);
        if (found == null) {
            found = load(accessKeyId).orElseThrow(ApiError.INVALID_ACCESS_KEY_ID_NOT_FOUND::exception);
            snap.keys.put(accessKeyId, found);
        }
        if (found.accessKeySecret() == null) {
            throw ApiError.INVALID_ACCESS_KEY_ID_INACTIVE.exception();
        }
        return found;
    }

    /** Drops every cached key (after a change made in this process, before the generation is read again). */
    public void invalidate() {
        snapshot = new Snapshot(Long.MIN_VALUE);
    }

    /** The keys loaded while the store was at one generation. */
    private static final class Snapshot {
        final long generation;
        final Map<String, SigningKey> keys = new ConcurrentHashMap<>();

        Snapshot(long generation) {
            this.generation = generation;
        }
    }

    /** The key as found now; an inactive key is cached with a null secret (so it answers Inactive). */
    private Optional<SigningKey> load(String accessKeyId) {
        Optional<AccessKey> key = keys.find(accessKeyId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        AccessKey k = key.get();
        if (k.status() != AccessKey.Status.Active) {
            return Optional.of(new SigningKey(null, null));
        }
        Principal principal;
        if (k.isRoot()) {
            principal = new Principal.Root(k.accountId());
        } else {
            Optional<RamUser> user = store.user(k.accountId(), k.userName());
            if (user.isEmpty()) {
                return Optional.empty();
            }
            principal = new Principal.User(k.accountId(), user.get().userId(), user.get().userName());
        }
        return Optional.of(new SigningKey(k.accessKeySecret(), new Caller(principal, accessKeyId)));
    }
}
