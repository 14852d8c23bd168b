package io.usp4j.datamodel.binding;

/**
 * Takes part in the transactions that change one object (or any row of one table): checks the change as a
 * whole, applies it to firmware, and undoes it when a later step of the same transaction fails.
 *
 * <p>A transaction first validates every change (type and constraint checks, unique keys, then
 * {@link #validate}) and only then applies them in order ({@link ParameterSetter}s, {@link RowSource}
 * create/delete, then {@link #apply}). When one apply fails, every change already applied is rolled back in
 * reverse order ({@link #rollback}, then setters with the previous values), so a USP message with
 * {@code allow_partial=false} changes all of its objects or none.
 *
 * <p>Called on the thread that owns the data model.
 */
public interface ChangeHandler {

    /**
     * Checks the change against the state the whole transaction would leave (cross-parameter rules).
     *
     * @param change the change
     * @throws io.usp4j.core.error.UspException to refuse it, typically with 7014 (Value conflict) or 7012
     */
    default void validate(ObjectChange change) {}

    /**
     * Applies the change to firmware, after all setters of the object have run.
     *
     * @param change the change
     * @throws Exception to fail the transaction; a {@link io.usp4j.core.error.UspException} keeps its code
     */
    default void apply(ObjectChange change) throws Exception {}

    /**
     * Undoes an applied change because a later step of the transaction failed. Must not throw; a failure
     * here is logged and leaves firmware and data model out of step.
     *
     * @param change the change that was applied
     */
    default void rollback(ObjectChange change) {}
}
