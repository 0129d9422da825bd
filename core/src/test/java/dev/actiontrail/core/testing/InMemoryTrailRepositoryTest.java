package dev.actiontrail.core.testing;

import dev.actiontrail.core.trail.TrailRepository;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InMemoryTrailRepositoryTest extends TrailRepositoryContract {
    @Override
    protected TrailRepository newRepository() {
        return new InMemoryTrailRepository();
    }

    @Test
    void insertingATakenNameOrUpdatingAnAbsentTrailIsAProgrammingError() {
        repository.insert(freshTrail(A, "trail-one"));
        assertThrows(IllegalStateException.class, () -> repository.insert(fullTrail(A, "trail-one")));
        assertThrows(IllegalStateException.class, () -> repository.update(freshTrail(A, "trail-two")));
        assertEquals(List.of(freshTrail(A, "trail-one")), repository.list(A));
    }

    @Test
    void allListsEveryAccountAndClearEmptiesTheRepository() {
        InMemoryTrailRepository memory = (InMemoryTrailRepository) repository;
        memory.insert(freshTrail(B, "trail-b"));
        memory.insert(freshTrail(A, "trail-z"));
        memory.insert(freshTrail(A, "trail-a"));
        assertEquals(List.of(freshTrail(A, "trail-a"), freshTrail(A, "trail-z"), freshTrail(B, "trail-b")),
                memory.all());
        memory.clear();
        assertEquals(List.of(), memory.all());
    }
}
