from raportti.cli.app import run

run()
