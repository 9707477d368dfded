from raportti.cli import run

run()
