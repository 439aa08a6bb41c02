"""The application and its main window: menus, toolbar, filter bar, status bar,
settings, opening and saving board files, and the screens it hosts
(``registry.SCREENS``)."""
