"""The frozen record: releases, their lock, the timeline, comparing texts, the inspection before publication."""
