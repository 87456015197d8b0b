package io.agentlaunchpad.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FigureTableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCell_andEachFigureIsKeptUnderItsKey() {
        FigureTable table = new FigureTable();
        table.row().text("Lambda", "api").figure("MB", "%d", 512, "memoryMb").divide()
                .figure("first ms", "%.0f", 1234.4, "firstMs").json("floor", false).add();
        table.row().text("Lambda", "authorizer").figure("MB", "%d", 1024, "memoryMb").divide()
                .figure("first ms", "%.0f", Double.NaN, "firstMs").json("floor", true).add();

        assertThat(table.render().lines().toList()).containsExactly(
                "Lambda       MB | first ms",
                "api         512 |     1234",
                "authorizer 1024 |        -");
        assertThat(table.json()).containsExactly(
                Map.of("memoryMb", 512, "firstMs", 1234.4, "floor", false),
                Map.of("memoryMb", 1024, "firstMs", Double.NaN, "floor", true));
        assertThat(List.copyOf(table.json().get(0).keySet())).containsExactly("memoryMb", "firstMs", "floor");
    }

    @Test
    void aRowWithOtherColumnsThanTheFirstIsRefused() {
        FigureTable table = new FigureTable();
        table.row().text("agents", "1").add();

        assertThatThrownBy(() -> table.row().text("rounds", "1").add()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFigureWithoutAKeyIsShownButNotKept() {
        FigureTable table = new FigureTable();
        table.row().figure("GCs", "%d", 3L, null).add();

        assertThat(table.render()).contains("3");
        assertThat(table.json().get(0)).isEmpty();
    }
}
