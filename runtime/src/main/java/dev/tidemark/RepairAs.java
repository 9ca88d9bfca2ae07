package dev.tidemark;

/**
 * What {@link Tidemark#repair()} does with the history row of a non-transactional migration that
 * failed or never finished, once its changes have been finished or undone by hand.
 */
public enum RepairAs {
    /**
     * Mark the migration applied: the row is kept, with what the stopped run recorded, becomes
     * successful and says it was repaired, by whom and when. For changes finished by hand.
     */
    APPLIED,
    /**
     * Delete the row: the migration is pending again and runs from its first statement on the next
     * migrate. For changes undone by hand.
     */
    REMOVED
}
