from restorelint.cli import main

main()
