package dev.actiontrail.core.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The per-action statement index the evaluator walks instead of every statement. */
class PolicyDocumentIndexTest {
    private static final PolicyDocument DOC = PolicyDocument.identityPolicy(JsonTree.parse("""
            {"Version":"1","Statement":[
              {"Effect":"Allow","Action":"ecs:*","Resource":"*"},
              {"Effect":"Deny","Action":["actiontrail:Stop*","actiontrail:DeleteTrail"],"Resource":"*"},
              {"Effect":"Allow","NotAction":"ram:*","Resource":"*"},
              {"Effect":"Allow","Action":"ActionTrail:LookupEvents","Resource":"*"},
              {"Effect":"Allow","Action":"actiontrail:Lookup?vents","Resource":"*"}
            ]}"""));

    @Test
    void theIndexHoldsTheStatementsWhoseActionPartCoversTheActionInOrder() {
        assertArrayEquals(new int[] {2, 3, 4}, DOC.statementsFor("actiontrail:LookupEvents"));
        assertArrayEquals(new int[] {1, 2}, DOC.statementsFor("actiontrail:StopLogging"));
        assertArrayEquals(new int[] {0, 2}, DOC.statementsFor("ecs:DescribeInstances"));
        assertArrayEquals(new int[] {}, DOC.statementsFor("ram:CreateUser"));
    }

    @Test
    void actionsAreComparedCaseInsensitivelyAndRememberedAsOne() {
        int[] first = DOC.statementsFor("ACTIONTRAIL:lookupevents");
        assertArrayEquals(new int[] {2, 3, 4}, first);
        assertArrayEquals(first, DOC.statementsFor("actiontrail:LookupEvents"));
        assertArrayEquals(new int[] {1, 2}, DOC.statementsFor("actiontrail:STOPLOGGING"));
    }
}
