"""``rhizoviz bench``: what the app costs against a bare VTK window on the same machine.

The numbers come from two kinds of child process, so each start-up is a real cold
process start and each peak memory figure belongs to one program:

* :mod:`rhizoviz.bench.app_probe` starts the full app, times its first frame on screen,
  then cuts and restores roots through the level panel and the 3D view and asks what
  lies under skin clicks;
* :mod:`rhizoviz.bench.floor_probe` opens a bare pyvistaqt window showing the same
  meshes with the app's render settings and re-renders them unchanged: the floor.

:mod:`rhizoviz.bench.runner` starts them (and Xvfb when there is no display) and
compares. A frame counts as rendered when the 3D widget has swapped it to the
window (``QOpenGLWidget.frameSwapped``), which is when a student can see it. The app's
3D view is a native window of its own, so the panels beside it reach the screen with
the top-level window's own repaint, which the app probe times too.
"""
