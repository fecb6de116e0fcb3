package dumper.config;

/** Whether a type's query takes a window, and whether the user must give it. */
public enum DateRange {
    REQUIRED, OPTIONAL, PROHIBITED
}
