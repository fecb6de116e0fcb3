package dumper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages form layers, from the triggers down to the foundations (ARCHITECTURE.md): a
 * class may use its own package and the layers below it, never one above or beside it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ArchitectureTest {

    /** Bottom first. Packages on one line are siblings: neither may use the other. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("core"),
            Set.of("config"),
            Set.of("plan"),
            Set.of("output"),
            Set.of("guard"),
            Set.of("export", "store"),
            Set.of("publish"),
            Set.of("run"),
            Set.of("queue", "schedule"),
            // serve (cli) starts the API and logs its access rule; the API never calls the commands.
            Set.of("api"),
            Set.of("cli"),
            Set.of(""));

    private static JavaClasses classes;

    @BeforeAll
    static void importApplication() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dumper");
    }

    @Test
    void the_application_classes_were_imported_from_every_layer() {
        Set<String> found = new TreeSet<>();
        classes.forEach(c -> found.add(packageOf(c)));
        Set<String> expected = new TreeSet<>();
        LAYERS.forEach(expected::addAll);
        assertThat(found).isEqualTo(expected);
        assertThat(classes.size()).isGreaterThan(80);
    }

    @Test
    void no_class_uses_a_package_above_or_beside_its_own() {
        List<String> upward = new ArrayList<>();
        for (JavaClass origin : classes) {
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (!target.getPackageName().startsWith("dumper")) {
                    continue;
                }
                String from = packageOf(origin);
                String to = packageOf(target);
                if (!from.equals(to) && layer(to) >= layer(from)) {
                    upward.add(from + " -> " + to + ": " + dependency.getDescription());
                }
            }
        }
        assertThat(upward).isEmpty();
    }

    @Test
    void the_packages_have_no_cycle() {
        slices().matching("dumper.(*)..").should().beFreeOfCycles().check(classes);
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        throw new AssertionError("package dumper." + pkg + " has no layer in ArchitectureTest.LAYERS; add it there and in ARCHITECTURE.md");
    }

    /** "" for the root package {@code dumper}, else the first package name below it. */
    private static String packageOf(JavaClass c) {
        String name = c.getPackageName();
        if (name.equals("dumper")) {
            return "";
        }
        String rest = name.substring("dumper.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
