package dev.hexsync.domain.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.api.DiffTriggerOperation;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TriggerNameTest {
    private static final String ID = TriggerName.newId(UUID.fromString("0b5e8a4e-3c1d-4f6a-9e2b-7c8d9e0f1a2b"));

    @Test
    void formatsAsTheJsSdkDoes() {
        assertThat(ID).isEqualTo("0b5e8a4e_3c1d_4f6a_9e2b_7c8d9e0f1a2b");
        assertThat(new TriggerName(DiffTriggerOperation.UPDATE, "todo_changes", ID).format())
                .isEqualTo("__ps_temp_trigger_update__todo_changes__" + ID);
    }

    @Test
    void parsesBackEveryPartEvenWhenTheDestinationContainsDoubleUnderscores() {
        for (DiffTriggerOperation operation : DiffTriggerOperation.values()) {
            for (String destination : new String[] {"d", "todo_changes", "__ps_temp_track_todos_" + ID, "a__b__c"}) {
                TriggerName name = new TriggerName(operation, destination, ID);
                assertThat(TriggerName.parse(name.format())).contains(name);
            }
        }
    }

    @Test
    void ignoresNamesOutsideTheConvention() {
        for (String other : new String[] {
                "my_trigger",
                "ps_temp_trigger_insert_" + ID,
                "__ps_temp_trigger_upsert__dest__" + ID,
                "__ps_temp_trigger_insert__dest__" + ID.replace('_', '-'),
                "__ps_temp_trigger_insert__dest_" + ID,
                "__ps_temp_trigger_insert____" + ID,
                "__ps_temp_trigger_insert__dest__" + ID.substring(1),
                "__ps_temp_trigger_insert__dest__" + ID.replace('0', 'g'),
                "__ps_temp_trigger_INSERT__dest__" + ID}) {
            assertThat(TriggerName.parse(other)).as(other).isEqualTo(Optional.empty());
        }
        assertThat(TriggerName.parse(null)).isEmpty();
    }

    @Test
    void refusesToBuildANameThatWouldNotParse() {
        assertThatThrownBy(() -> new TriggerName(DiffTriggerOperation.INSERT, "", ID))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TriggerName(DiffTriggerOperation.INSERT, "d", "not-an-id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not-an-id");
    }
}
