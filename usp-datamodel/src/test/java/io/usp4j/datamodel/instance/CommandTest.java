package io.usp4j.datamodel.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.path.resolve.InstantiatedObject;
import io.usp4j.datamodel.binding.CommandCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class CommandTest {
    private final List<CommandCall> calls = new ArrayList<>();
    private final CompletableFuture<Map<String, ?>> selfTest = new CompletableFuture<>();

    private final DataModel model = DataModel.builder(TestModel.schema())
            .bind("Device.", o -> o
                    .syncCommand("Reboot()", call -> {
                        calls.add(call);
                        return Map.of();
                    })
                    .command("SelfTest()", call -> {
                        calls.add(call);
                        return selfTest;
                    }))
            .bind("Device.WiFi.SSID.{i}.", o -> o.syncCommand("Reset()", call -> {
                throw new IllegalStateException("radio busy");
            }))
            .build();

    private InstantiatedObject device() {
        return model.view().root("Device");
    }

    private static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void syncCommandsRunAndReturnOutputs() {
        Map<String, String> out = model.invoke(device(), "Reboot()", Map.of("Ignored", "x"), "key-1")
                .toCompletableFuture().join();
        assertThat(out).isEmpty();
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("Device.Reboot()");
            assertThat(c.commandKey()).isEqualTo("key-1");
            assertThat(c.input()).isEmpty();
            assertThat(c.instance().path()).isEqualTo("Device.");
        });
    }

    @Test
    void asyncCommandsCompleteLaterWithFormattedOutputsAndDefaultsFilledIn() {
        CompletableFuture<Map<String, String>> result =
                model.invoke(device(), "SelfTest", Map.of("Level", "+03", "Unknown", "1"), "").toCompletableFuture();
        assertThat(result).isNotDone();
        assertThat(calls.get(0).input()).containsOnly(Map.entry("Level", "3"), Map.entry("Mode", "quick"));
        selfTest.complete(Map.of("Result", "ok", "Score", 17));
        assertThat(result.join()).containsOnly(Map.entry("Result", "ok"), Map.entry("Score", "17"));
    }

    @Test
    void badInputFailsWith7027BeforeFirmwareIsCalled() {
        assertThat(failure(model.invoke(device(), "SelfTest()", Map.of(), "")))
                .isInstanceOf(UspException.class).extracting("errorCode").isEqualTo(ErrorCode.INVALID_COMMAND_ARGUMENTS);
        assertThat(failure(model.invoke(device(), "SelfTest()", Map.of("Level", "high"), "")))
                .extracting("errorCode").isEqualTo(ErrorCode.INVALID_COMMAND_ARGUMENTS);
        assertThat(calls).isEmpty();
    }

    @Test
    void failuresAndMissingHandlersAreCommandFailures() {
        InstantiatedObject ssid = model.view().root("Device").child("WiFi");
        assertThat(ssid).isNotNull();
        DataModel fw = DataModel.builder(TestModel.schema())
                .bind("Device.", o -> o.syncCommand("Reboot()", call -> {
                    throw new UspException(ErrorCode.REQUEST_DENIED, "not now");
                }))
                .build();
        assertThat(failure(fw.invoke(fw.view().root("Device"), "Reboot()", Map.of(), "")))
                .extracting("errorCode").isEqualTo(ErrorCode.REQUEST_DENIED);
        assertThat(failure(fw.invoke(fw.view().root("Device"), "SelfTest()", Map.of("Level", "1"), "")))
                .extracting("errorCode").isEqualTo(ErrorCode.COMMAND_FAILURE);
        assertThat(failure(fw.invoke(fw.view().root("Device"), "Nope()", Map.of(), "")))
                .extracting("errorCode").isEqualTo(ErrorCode.INVALID_PATH);
        selfTest.completeExceptionally(new IllegalStateException("disk"));
        assertThat(failure(model.invoke(device(), "SelfTest()", Map.of("Level", "1"), "")))
                .extracting("errorCode").isEqualTo(ErrorCode.COMMAND_FAILURE);
    }

    @Test
    void objectsFromAnotherModelAreRefused() {
        DataModel other = DataModel.builder(TestModel.schema()).build();
        assertThatThrownBy(() -> model.invoke(other.view().root("Device"), "Reboot()", Map.of(), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
