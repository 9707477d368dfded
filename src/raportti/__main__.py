from raportti.cli import main

main()
