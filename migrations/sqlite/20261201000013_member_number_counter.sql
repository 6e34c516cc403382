-- "Member #N" is never reused within a challenge: a number taken from the members still
-- stored would be given again once the highest-numbered member's data is deleted, and an
-- anonymous number already posted on a board would then point at someone else.
ALTER TABLE challenges ADD COLUMN next_member_number INTEGER NOT NULL DEFAULT 1;
UPDATE challenges SET next_member_number = COALESCE(
    (SELECT MAX(number) FROM challenge_members m WHERE m.challenge_id = challenges.id), 0) + 1;
