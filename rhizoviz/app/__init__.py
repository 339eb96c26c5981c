"""The Qt desktop app: thin widgets around one :class:`~rhizoviz.core.session.Session`.

Widgets show the session's state and send it intents; they hold no anatomy. The
3D view is drawn by :mod:`rhizoviz.scene` on an embedded pyvistaqt interactor.
"""
