# Database tasks for a project that keeps its database in DATABASE_URL (the environment, else .env.local or .env),
# with lifeboat. The repository is $LIFEBOAT_REPO, else ./backups. "make" alone lists the targets.

LIFEBOAT ?= ./lifeboat

.DEFAULT_GOAL := help
.PHONY: help db-backup db-restore db-backup-list

help: ## list the targets
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(firstword $(MAKEFILE_LIST)) | sed -E 's/^([a-z-]+):.*## /  \1\t/' | expand -t 20

db-backup: ## back up the database of DATABASE_URL into the repository
	$(LIFEBOAT) backup

db-restore: ## restore FILE=ARCHIVE (a name, a path or latest:NAME) over the database it came from
	@if [ -z "$(FILE)" ]; then \
		echo "usage: make db-restore FILE=ARCHIVE   (an archive name or path from make db-backup-list, or latest:NAME)" >&2; \
		echo "The database's current data is backed up (label pre-restore) before it is replaced." >&2; \
		exit 2; \
	fi
	$(LIFEBOAT) restore "$(FILE)" --overwrite --yes

db-backup-list: ## list the backups, newest first
	$(LIFEBOAT) list
