package dumper.config;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.smallrye.config.WithName;

/**
 * The setting names a {@code @ConfigMapping} interface declares, named as SmallRye names them:
 * a method's {@code @WithName}, else its name in kebab case ({@code outputDir} is
 * {@code output-dir}); a method returning a group interface adds that group's names under its
 * own. Maps (the dump types by name) and default methods (helpers, not settings) add none.
 */
final class ConfigKeys {

    private ConfigKeys() {
    }

    /** Every setting of {@code mapping}, each prefixed by {@code prefix}. */
    static Set<String> of(Class<?> mapping, String prefix) {
        Set<String> keys = new TreeSet<>();
        for (Method method : mapping.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0
                    || Map.class.isAssignableFrom(method.getReturnType())) {
                continue;
            }
            String key = prefix + name(method);
            Class<?> type = method.getReturnType();
            if (type.isInterface() && !type.getName().startsWith("java.")) {
                keys.addAll(of(type, key + "."));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    private static String name(Method method) {
        WithName named = method.getAnnotation(WithName.class);
        return named != null ? named.value() : method.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }
}
