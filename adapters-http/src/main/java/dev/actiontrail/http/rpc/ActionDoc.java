package dev.actiontrail.http.rpc;

import java.util.List;

/**
 * One API action of one version as documented: its name, a one-line summary and its API parameters in
 * documentation order. A parameter name containing {@code .N.} stands for a repeat list (e.g.
 * {@code LookupAttribute.N.Key}, sent as {@code LookupAttribute.1.Key}).
 */
public record ActionDoc(String name, String summary, List<String> parameters) {
}
