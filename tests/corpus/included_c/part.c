static void part_work(void) { spin_lock(&l); spin_unlock(&l); }
void part_task(void) { spin_lock(&l); spin_unlock(&l); } /* expect: LC001 */
