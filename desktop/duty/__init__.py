"""People on duty (志愿者、网格员、下沉干部), their rosters by shift for gates and care rounds,
who is on duty now, and the hours each person and each sending unit served."""
