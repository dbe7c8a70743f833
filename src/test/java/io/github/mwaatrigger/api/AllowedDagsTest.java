package io.github.mwaatrigger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedDagsTest {

    private final AllowedDags allowed = AllowedDags.parse("etl_*, report.daily ,v?_load");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"etl_daily, true", "etl_, true", "etl, false", "xetl_daily, false", "report.daily, true",
        "reportXdaily, false", "v2_load, true", "v10_load, false"})
    void globsMatchWholeDagIds(String dagId, boolean expected) {
        assertThat(allowed.allows(dagId)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource({"*, any.dag-id_1, true", "**, any.dag-id_1, true", "etl.*, etl.a.b, true", "etl.*, etlXa, false",
        "a-?, a-b, true", "a-?, a-bc, false", "*_daily, etl_daily, true", "*_daily, etl_daily_2, false"})
    void wildcardsSpanTheWholeDagId_andOtherCharactersMatchThemselves(String globs, String dagId, boolean expected) {
        assertThat(AllowedDags.parse(globs).allows(dagId)).isEqualTo(expected);
    }

    @Test
    void entryThatIsNotAGlob_isRefusedNamingIt() {
        assertThatThrownBy(() -> AllowedDags.parse("etl_*,drop table"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry 'drop table' is not a DAG id glob: use letters, digits, '_', '.', '-', and the "
                        + "wildcards '*' and '?'");
    }
}
