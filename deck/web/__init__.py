"""deck serve's parts besides its routes (deck/serve.py):

- pictures.py: the inputs read and the pictures made (cards, backs, thumbnails), each once per
  version of the files they come from;
- forms.py: what a form sends, read into the library's own input (print options, a casus, a plan);
- uploads.py: what a browser brings and deck keeps for it while the server runs (a house style,
  an own deck), each in a private scratch folder.

The pages' templates and the few static files (a style sheet and four small scripts) live beside them.
"""
