"""View → People: the partners directory, the stakeholder map and the thanks log.

``screen.PeopleScreen`` plugs the view into the main window and builds
``page.PeoplePage`` the first time it is shown. The directory (``directory``)
lists partners beside ``detail.PartnerDetail`` (who they are, what is in it for
them, what they committed to, the initiatives they request, sponsor or
create, and ``thanks``); ``stakeholder_map`` places them by influence and
involvement on the grid the impact/effort matrix uses
(``ui/common/grid_scene``). Every edit is one ``session.perform``; the lists
follow ``session.changed``.
"""
