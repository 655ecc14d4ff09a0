"""Reading uploaded spreadsheets safely and turning them into questionnaire answers.

``tables`` reads a CSV or XLSX upload into a grid of strings, with limits checked before
anything is unpacked; ``responses`` maps the grid's columns to the instrument and
validates every cell. No Django: the web layer stores what comes out.
"""
