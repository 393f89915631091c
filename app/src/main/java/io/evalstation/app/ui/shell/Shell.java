package io.evalstation.app.ui.shell;

import io.evalstation.app.ui.task.TaskExecutor;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * What the frame gives every page: the executor for background work, the remembered UI state,
 * navigation to other pages, and the window dialogs belong to.
 *
 * @param window the main window once it is shown (null before)
 */
public record Shell(
    TaskExecutor tasks,
    UiPreferences preferences,
    Navigation navigation,
    Supplier<Window> window) {}
